/**
 * `nestjs-kakao-auth`: the framework-free core (`nestjs-kakao-auth/passport`) plus the NestJS
 * module. Importing this entry loads `@nestjs/*`; plain Express apps import `/passport`.
 */
export * from './passport';
export * from './nest';
