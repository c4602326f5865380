import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * How a receiver answered a test event: delivered or not, and its HTTP status if it answered. Why
 * a connection failed is not said (it would tell what listens where behind the URL).
 */
export class WebhookTestResponse {
  @ApiProperty({ description: 'The receiver answered 2xx' })
  delivered!: boolean;

  @ApiPropertyOptional({
    example: 204,
    description: "The receiver's HTTP status; absent if it never answered (or the address is not allowed)",
  })
  status?: number;

  @ApiProperty({ example: 'test.3f0c8e5e-8d1f-4a4e-9d57-0b4f1f0b7c21', description: 'The `webhook-id` of the test event' })
  webhookId!: string;
}
