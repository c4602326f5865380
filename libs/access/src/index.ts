export * from './access.module';
export * from './audit.service';
export * from './auth.guard';
export * from './decorators';
export * from './principal';
export * from './token.service';
export * from './tokens';
