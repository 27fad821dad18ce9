import {
  Controller,
  type DynamicModule,
  type ExecutionContext,
  Get,
  Inject,
  Injectable,
  Module,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AuthGuard, PassportSerializer, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import {
  KakaoAuthenticatedGuard,
  KakaoAuthModule,
  type KakaoAuthModuleExtras,
  type KakaoAuthModuleOptions,
  type KakaoAuthOptionsFactory,
  type KakaoLoginTokens,
  KakaoTokens,
  kakaoTokensOf,
  KakaoUser,
} from '../../../src';

export type ModuleSetup =
  'forRoot' | 'forRootAsync(useFactory + ConfigService)' | 'forRootAsync(useClass)';
export const MODULE_SETUPS: ModuleSetup[] = [
  'forRoot',
  'forRootAsync(useFactory + ConfigService)',
  'forRootAsync(useClass)',
];

const TEST_OPTIONS = Symbol('TEST_OPTIONS');

@Module({})
class TestOptionsModule {
  static register(options: KakaoAuthModuleOptions): DynamicModule {
    return {
      module: TestOptionsModule,
      providers: [{ provide: TEST_OPTIONS, useValue: options }],
      exports: [TEST_OPTIONS],
    };
  }
}

@Injectable()
class KakaoOptionsFromClass implements KakaoAuthOptionsFactory {
  constructor(@Inject(TEST_OPTIONS) private readonly options: KakaoAuthModuleOptions) {}
  createKakaoAuthOptions(): KakaoAuthModuleOptions {
    return this.options;
  }
}

/** `KakaoAuthModule` configured the way `setup` says, with the same resulting options. */
export function kakaoAuthModule(
  setup: ModuleSetup,
  options: KakaoAuthModuleOptions,
  extras: KakaoAuthModuleExtras = {},
): DynamicModule {
  switch (setup) {
    case 'forRoot':
      return KakaoAuthModule.forRoot({ ...options, ...extras });
    case 'forRootAsync(useFactory + ConfigService)': {
      const { clientID, clientSecret, callbackURL, adminKey, ...rest } = options;
      return KakaoAuthModule.forRootAsync({
        ...extras,
        imports: [
          ConfigModule.forRoot({
            ignoreEnvFile: true,
            load: [
              () => ({
                KAKAO_CLIENT_ID: clientID,
                KAKAO_CLIENT_SECRET: clientSecret,
                KAKAO_CALLBACK_URL: callbackURL,
                KAKAO_ADMIN_KEY: adminKey,
              }),
            ],
          }),
        ],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          ...rest,
          clientID: config.getOrThrow<string>('KAKAO_CLIENT_ID'),
          clientSecret: config.get<string>('KAKAO_CLIENT_SECRET'),
          callbackURL: config.getOrThrow<string>('KAKAO_CALLBACK_URL'),
          adminKey: config.get<string>('KAKAO_ADMIN_KEY'),
        }),
      });
    }
    case 'forRootAsync(useClass)':
      return KakaoAuthModule.forRootAsync({
        ...extras,
        imports: [TestOptionsModule.register(options)],
        useClass: KakaoOptionsFromClass,
      });
  }
}

interface LocalUser {
  local: true;
  username: string;
}

/** A second strategy in the same app: passport-local with its own session serializer. */
@Injectable()
class LocalPasswordStrategy extends PassportStrategy(LocalStrategy, 'local') {
  validate(username: string, password: string): LocalUser | null {
    return password === 'local-pw' ? { local: true, username } : null;
  }
}

@Injectable()
class LocalSerializer extends PassportSerializer {
  serializeUser(user: LocalUser, done: (err: unknown, id?: unknown) => void): void {
    done(null, { localUsername: user.username });
  }
  deserializeUser(
    payload: { localUsername: string },
    done: (err: unknown, user?: unknown) => void,
  ): void {
    done(null, { local: true, username: payload.localUsername });
  }
}

@Injectable()
class LocalLoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const ok = (await super.canActivate(context)) as boolean;
    await super.logIn(context.switchToHttp().getRequest());
    return ok;
  }
}

@Controller()
export class TestAppController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser() user: unknown): unknown {
    return user;
  }

  @Get('me/id')
  @UseGuards(KakaoAuthenticatedGuard)
  myId(@KakaoUser('id') id: string): { id: string } {
    return { id };
  }

  /** Kakao's tokens, which the user object does not carry: decorator and accessor agree. */
  @Get('me/kakao-tokens')
  @UseGuards(KakaoAuthenticatedGuard)
  myTokens(@KakaoTokens() tokens: KakaoLoginTokens | undefined, @Req() req: Request): unknown {
    return { tokens, sameAsAccessor: tokens === kakaoTokensOf(req) };
  }

  @Post('local/login')
  @UseGuards(LocalLoginGuard)
  localLogin(@Req() req: Request): unknown {
    return req.user;
  }

  @Get('local/me')
  localMe(@Req() req: Request): unknown {
    const user = req.user as Partial<LocalUser> | undefined;
    if (!user?.local) throw new UnauthorizedException();
    return user;
  }
}

/** The e2e app: KakaoAuthModule (as `setup` says) + a protected route + passport-local. */
export function testAppModule(
  setup: ModuleSetup,
  options: KakaoAuthModuleOptions,
  extras: KakaoAuthModuleExtras = {},
): DynamicModule {
  @Module({})
  class TestAppModule {}
  return {
    module: TestAppModule,
    imports: [kakaoAuthModule(setup, options, extras)],
    controllers: [TestAppController],
    providers: [LocalPasswordStrategy, LocalSerializer, LocalLoginGuard],
  };
}
