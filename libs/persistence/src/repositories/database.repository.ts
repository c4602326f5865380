import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The database as a whole, as a readiness check sees it. */
@Injectable()
export class DatabaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A round trip to Postgres. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
