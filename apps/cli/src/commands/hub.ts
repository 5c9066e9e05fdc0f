import { ExitCode } from '../exit-codes';
import { defineCommand, example } from './definition';

/** Options of `bimmer hub`, as commander parses them (numbers are checked by `run`). */
export interface HubCommandOptions {
  readonly mqttUrl?: string;
  readonly mqttPort?: string;
  readonly httpPort?: string;
  readonly host?: string;
  readonly prefix?: string;
  readonly discoveryPrefix?: string;
  /** False with `--no-discovery`. */
  readonly discovery?: boolean;
  readonly demo?: boolean;
  readonly apiKey?: string;
  readonly mqttUsername?: string;
  readonly mqttPassword?: string;
  readonly transport?: string;
  readonly clientId?: string;
  readonly pollInterval?: string;
}

/**
 * `bimmer hub`: one BMW stream and one REST budget for every program in the house, republished over
 * MQTT (an embedded broker, or the one at `--mqtt-url`) with Home Assistant discovery, and over HTTP.
 * A thin command over `startHub` of `@bimmer/hub`: each flag is one of its options (with `--transport
 * mybmw` the command opens the MyBMW live account of the CLI's MyBMW login and hands it to the hub as
 * `account`). `@bimmer/hub` and mqtt are imported only when the command runs. Prints exactly
 * two lines on stdout (`hub http on …`, then `hub mqtt on …` or `hub publishing to …`); progress,
 * the device code of a first login and warnings go to stderr. Ctrl-C or SIGTERM publish `offline`,
 * save the state and exit 0.
 */
export const hub = defineCommand<HubCommandOptions>({
  name: 'hub',
  group: 'Vehicle data:',
  summary: 'share one BMW stream and quota with every program, over MQTT and HTTP',
  description:
    'Run the hub until Ctrl-C: it holds the one BMW CarData stream and the one REST budget of the ' +
    'account (with --transport mybmw: the one MyBMW login, polled), and republishes every vehicle over MQTT (retained topics under bimmer/, Home Assistant ' +
    'discovery) and HTTP, so Home Assistant, evcc, Node-RED, Homebridge, bimmer status --hub and ' +
    'bimmer stream --hub all read from it without kicking each other off the stream or spending ' +
    "each other's calls. Without --mqtt-url it starts its own broker. stdout gets exactly two lines: " +
    '"hub http on http://HOST:PORT", then "hub mqtt on mqtt://HOST:PORT" (or "hub publishing to URL" ' +
    'with --mqtt-url); everything else goes to stderr. Without a stored CarData login it shows the ' +
    'device code on stderr and on its page, and starts once BMW confirms (needs --client-id). With ' +
    '--transport mybmw it uses your MyBMW login like every MyBMW command (--username, --region, the ' +
    'password from BIMMER_PASSWORD, --password-stdin or the prompt, unless a session is stored). With ' +
    '--demo it runs on the built-in simulator: no car, no account, no network. Off 127.0.0.1 it needs ' +
    'an API key and, for its own broker, a user name and password. Ctrl-C or SIGTERM publish offline, ' +
    'save the state and exit 0.',
  options: [
    {
      flags: '--mqtt-url <url>',
      description:
        'publish into this broker instead of starting one: mqtt://user:password@host:1883 or mqtts://…',
    },
    {
      flags: '--mqtt-port <port>',
      description: "the embedded broker's port; 0 picks a free one (default: 1883)",
    },
    {
      flags: '--http-port <port>',
      description:
        "the HTTP API's port (health, vehicles, events, metrics); 0 picks a free one (default: 8124)",
    },
    {
      flags: '--host <host>',
      description:
        'the interface to listen on; anything but loopback needs --api-key and a broker login (default: 127.0.0.1)',
    },
    { flags: '--prefix <prefix>', description: 'the topic prefix (default: bimmer)' },
    {
      flags: '--discovery-prefix <prefix>',
      description: "Home Assistant's discovery prefix (default: homeassistant)",
    },
    { flags: '--no-discovery', description: 'no Home Assistant discovery' },
    { flags: '--demo', description: 'run on the built-in simulator and its fleet: no car, no account' },
    {
      flags: '--api-key <key>',
      description: 'every HTTP request must carry it (default: BIMMER_HUB_API_KEY); 16+ characters',
    },
    {
      flags: '--mqtt-username <name>',
      description: "the broker's login (default: BIMMER_HUB_MQTT_USERNAME)",
    },
    {
      flags: '--mqtt-password <password>',
      description: 'its password (default: BIMMER_HUB_MQTT_PASSWORD, which keeps it out of ps)',
    },
    {
      flags: '--transport <transport>',
      description: 'cardata (the BMW CarData stream) or mybmw (MyBMW, polled)',
      defaultValue: 'cardata',
    },
    {
      flags: '--poll-interval <seconds>',
      description: 'with --transport mybmw: seconds between polls (default: 300)',
    },
    {
      flags: '--client-id <id>',
      description:
        'your CarData client ID, for the device-code login when none is stored (default: BIMMER_CARDATA_CLIENT_ID)',
    },
  ],
  examples: [
    example('hub --demo', 'try it: the simulated fleet on mqtt://127.0.0.1:1883'),
    example('hub', 'your CarData login (bimmer login --cardata)'),
    example('hub --client-id 3f1c2b7a-0d4e-4c55-9a51-6d0e8f2b1c90', 'first start: shows the device code'),
    example('hub --mqtt-url mqtt://hub:secret@192.168.1.10:1883', 'into your Mosquitto'),
    example('hub --mqtt-port 0 --http-port 0', 'free ports, printed on stdout'),
    example('hub --host 0.0.0.0 --api-key KEY --mqtt-username house', 'for the network'),
    example('hub --transport mybmw --username me@example.com', 'on MyBMW, polled every 5 minutes'),
  ],
  exitCodes: [ExitCode.auth, ExitCode.captchaRequired, ExitCode.blocked, ExitCode.files],
  async run(context, _positionals, options) {
    const { hubOptionsFromCommandLine } = await import('../hub/hub-command-line');
    const hubOptions = hubOptionsFromCommandLine(context, options);
    const { runHub } = await import('../hub/run-hub');
    return runHub(context, hubOptions);
  },
});
