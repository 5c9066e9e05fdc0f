import { isJsonObject } from '@bimmer/core/internal';
import { HomebridgePluginUiServer, RequestError } from '@homebridge/plugin-ui-utils';
import { parsePlatformConfig } from '../config/parse-platform-config';
import { CarDataLoginFlow } from './cardata-login-flow';
import { settingsOverview } from './settings-overview';

/**
 * The server side of the plugin's settings page, run by the Homebridge UI as a child process:
 * `/login/start` begins BMW CarData's device-code login and pushes its progress (`login` events)
 * until BMW confirms; `/login/cancel` stops it; `/overview` returns the vehicles, the stream, the
 * budget and the doctor's checks. The page sends the plugin's current configuration with each
 * request, so the login lands in the token file the plugin will read.
 */
class BimmerUiServer extends HomebridgePluginUiServer {
  #flow: CarDataLoginFlow | undefined;

  constructor() {
    super();
    const storagePath = this.homebridgeStoragePath ?? process.cwd();
    this.onRequest('/login/start', async (body: { config?: unknown; clientId?: unknown }) => {
      const config = {
        ...(objectOf(body.config) ?? {}),
        ...(typeof body.clientId === 'string' ? { clientId: body.clientId } : {}),
      };
      const parsed = parsePlatformConfig(config, storagePath);
      if (!parsed.ok) throw new RequestError(parsed.errors.join(' '), { errors: parsed.errors });
      const clientId = parsed.settings.clientId;
      if (clientId === undefined) {
        throw new RequestError('Enter the CarData client ID from the MyBMW portal first.', {
          field: 'clientId',
        });
      }
      this.#flow?.cancel();
      const flow = new CarDataLoginFlow({
        tokenFile: parsed.settings.tokenFile,
        baseUrl: parsed.settings.baseUrl,
        push: (progress) => this.pushEvent('login', progress),
      });
      this.#flow = flow;
      return flow.start(clientId);
    });
    this.onRequest('/login/cancel', () => {
      this.#flow?.cancel();
      this.#flow = undefined;
      return { cancelled: true };
    });
    this.onRequest('/login/status', () => this.#flow?.last ?? { state: 'idle' });
    this.onRequest('/overview', (body: { config?: unknown }) =>
      settingsOverview({
        config: objectOf(body.config) ?? {},
        storagePath,
        configPath: this.homebridgeConfigPath,
        now: Date.now(),
      }),
    );
    this.ready();
  }
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined;
}

new BimmerUiServer();
