import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The delivery log (table `event_deliveries`): one row per event and subscription, with its attempts. */
@Injectable()
export class EventDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
}
