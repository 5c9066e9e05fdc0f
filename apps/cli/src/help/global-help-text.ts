import { EXAMPLE_VIN } from '../commands/definition';
import { exitCodeHelp } from '../exit-codes';

/** What `bimmer --help` ends with: credentials, the environment, the exit codes and examples. */
export function globalHelpText(): string {
  return `
Credentials:
  Give the account with --username/--region or BIMMER_USERNAME/BIMMER_REGION. The password comes from
  BIMMER_PASSWORD, --password-stdin, or a prompt on a terminal (nothing is echoed); it is never needed
  on the command line. bimmer_connected's positional form "<command> username password region ..."
  is accepted too. The first login outside China needs --captcha-token (see docs/captcha.md); the
  tokens are then kept, so later runs need neither captcha nor password.

Environment:
  BIMMER_USERNAME, BIMMER_PASSWORD, BIMMER_REGION, BIMMER_CAPTCHA_TOKEN   credentials
  BIMMER_BASE_URL           send every MyBMW, login and geocoder request to this origin (a simulator or proxy)
  BIMMER_STREAM_URL         the CarData MQTT broker (bimmer stream)
  BIMMER_CARDATA_CLIENT_ID  the CarData client ID (bimmer login --cardata)
  BIMMER_GEOCODER_URL       the geocoder of sendpoi_from_address (a Nominatim base URL)
  BIMMER_CONFIG_DIR         where tokens are kept (default: the platform's config folder)
  NO_COLOR                  no colours; colours and spinners are also off when not on a terminal

Exit codes:
${exitCodeHelp()}

Examples:
  $ bimmer demo                                  try everything against a built-in simulator
  $ bimmer status --username me@example.com --captcha-token P1_eY...
  $ bimmer status --json --vin ${EXAMPLE_VIN} | jq .fuelAndBattery
  $ bimmer lightflash ${EXAMPLE_VIN}
  $ bimmer charge ${EXAMPLE_VIN} start
  $ bimmer stream --events --battery-below 20     live vehicle events from BMW CarData
  $ bimmer status --transport cardata --cached   what bimmer last knew, with ages; no call`;
}
