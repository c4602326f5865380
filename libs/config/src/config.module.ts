import { Global, Module } from '@nestjs/common';
import { loadConfig, LiaisonConfig } from './config';

export const LIAISON_CONFIG = Symbol('LIAISON_CONFIG');

@Global()
@Module({
  providers: [{ provide: LIAISON_CONFIG, useFactory: (): LiaisonConfig => loadConfig() }],
  exports: [LIAISON_CONFIG],
})
export class ConfigModule {}
