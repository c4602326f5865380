import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How a receiver answered a test event. */
export class WebhookTestResponse {
  @ApiProperty({ description: 'The receiver answered 2xx' })
  delivered!: boolean;

  @ApiProperty({ type: Number, nullable: true, description: "The receiver's HTTP status; null if it never answered" })
  status!: number | null;

  @ApiProperty({ example: 'test.3f0c8e5e-8d1f-4a4e-9d57-0b4f1f0b7c21', description: 'The `webhook-id` of the test event' })
  webhookId!: string;

  @ApiPropertyOptional({ example: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9', description: 'Why it was not delivered' })
  error?: string;
}
