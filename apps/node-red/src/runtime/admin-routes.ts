import { isBimmerError } from '@bimmer/core';
import { renderSVG } from 'uqr';
import { accountSettingsOf } from '../config/account-settings';
import { FIELD_CATALOGUE } from '../fields/field-catalogue';
import type { AdminHandler, AdminRequest, AdminResponse, NodeRedRuntime } from '../node-red/node-red-api';
import type { AccountNode } from '../nodes/account-node';
import { carDataTokenFileOf, checkNodeId, removeAccountFiles } from './account-files';
import type { BimmerRuntime } from './bimmer-runtime';

/** The HTTP status of an error answered by the admin routes. */
function statusOfError(error: unknown): number {
  if (!isBimmerError(error)) return 500;
  switch (error.code) {
    case 'validation':
    case 'auth':
    case 'unsupported':
      return 400;
    case 'not-found':
      return 404;
    case 'quota':
      return 429;
    default:
      return 502;
  }
}

function sendError(response: AdminResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  response.status(statusOfError(error)).json({
    code: isBimmerError(error) ? error.code : 'api',
    message,
    ...(isBimmerError(error) && error.hint !== undefined ? { hint: error.hint } : {}),
  });
}

/** Wraps a route so nothing it throws or rejects escapes to Express (or the process). */
function route(handler: (request: AdminRequest, response: AdminResponse) => Promise<void>): AdminHandler {
  return (request, response) => {
    handler(request, response).catch((error: unknown) => sendError(response, error));
  };
}

/**
 * The admin endpoints of the editor, each behind `RED.auth.needsPermission`:
 * - `POST /bimmer/accounts/<id>/login` starts the device-code login (settings in the body, so an
 *   undeployed node can log in) and answers `{ userCode, verificationUri, verificationUriComplete, expiresAt }`;
 * - `GET /bimmer/accounts/<id>/login` answers `{ state, ... }` (see `LoginProgress`); a stored login
 *   that the deployed account found dead (connection `failed` with code `auth`) is `failed`;
 * - `DELETE /bimmer/accounts/<id>/login` cancels a running login;
 * - `GET /bimmer/accounts/<id>/login/qr` answers `{ svg }`, the QR code of the verification link;
 * - `GET /bimmer/accounts/<id>/status` answers the deployed account's connection, budget and vehicles;
 * - `DELETE /bimmer/accounts/<id>` deletes the files of an account node that was never deployed
 *   (logged in from the editor, then deleted there); a deployed one keeps them until the deploy;
 * - `GET /bimmer/fields` answers the watch node's field catalogue.
 */
export function registerAdminRoutes(RED: NodeRedRuntime, runtime: BimmerRuntime): void {
  const allow = (permission: string): AdminHandler =>
    RED.auth?.needsPermission(permission) ?? ((_request, _response, next) => next());
  const read = allow('bimmer-account.read');
  const write = allow('bimmer-account.write');
  const deployed = (id: string) => RED.nodes.getNode(id) as AccountNode | null;

  const settingsOf = (request: AdminRequest, id: string) => {
    const body = request.body;
    const node = deployed(id);
    if (typeof body === 'object' && body !== null && Object.keys(body).length > 0) {
      // The dialog's current values: an undeployed (or edited) node logs in with these.
      return accountSettingsOf(body as Record<string, unknown>, {});
    }
    if (node?.bimmerSettings !== undefined) return node.bimmerSettings;
    return accountSettingsOf({}, {});
  };

  RED.httpAdmin.post(
    '/bimmer/accounts/:id/login',
    write,
    route(async (request, response) => {
      const id = checkNodeId(request.params.id ?? '');
      const prompt = await runtime.logins.start(id, settingsOf(request, id));
      response.json({
        userCode: prompt.userCode,
        verificationUri: prompt.verificationUri,
        verificationUriComplete: prompt.verificationUriComplete,
        expiresAt: new Date(prompt.expiresAt).toISOString(),
      });
    }),
  );

  RED.httpAdmin.get(
    '/bimmer/accounts/:id/login',
    read,
    route(async (request, response) => {
      const id = checkNodeId(request.params.id ?? '');
      const tokenFileQuery =
        typeof request.query.tokenFile === 'string' ? request.query.tokenFile : undefined;
      const settings = deployed(id)?.bimmerSettings ?? { tokenFile: tokenFileQuery };
      const tokenFile = carDataTokenFileOf(runtime.userDir(), id, { tokenFile: settings.tokenFile });
      const progress = await runtime.logins.state(id, tokenFile);
      // A stored login BMW no longer accepts (revoked, or unused for two weeks) is not "logged in".
      const connection = runtime.registry.get(id)?.view.connection;
      if (progress.state === 'approved' && connection?.state === 'failed' && connection.code === 'auth') {
        response.json({
          state: 'failed',
          error: {
            code: 'auth',
            message: connection.reason ?? 'BMW no longer accepts the stored login.',
            hint: 'Press "Log in with BMW" again.',
          },
        });
        return;
      }
      response.json(progress);
    }),
  );

  RED.httpAdmin.delete(
    '/bimmer/accounts/:id/login',
    write,
    route(async (request, response) => {
      runtime.logins.cancel(checkNodeId(request.params.id ?? ''));
      response.json({ cancelled: true });
    }),
  );

  RED.httpAdmin.get(
    '/bimmer/accounts/:id/login/qr',
    read,
    route(async (request, response) => {
      const id = checkNodeId(request.params.id ?? '');
      const progress = await runtime.logins.state(id, carDataTokenFileOf(runtime.userDir(), id, {}));
      const link = progress.verificationUriComplete ?? progress.verificationUri;
      if (progress.state !== 'pending' || link === undefined) {
        response.status(404).json({ code: 'not-found', message: 'No login is waiting for approval.' });
        return;
      }
      response.json({ svg: renderSVG(link, { border: 2 }) });
    }),
  );

  RED.httpAdmin.get(
    '/bimmer/accounts/:id/status',
    read,
    route(async (request, response) => {
      const id = checkNodeId(request.params.id ?? '');
      const shared = runtime.registry.get(id);
      if (shared === undefined) {
        response.json({ phase: 'not-deployed' });
        return;
      }
      const view = shared.view;
      response.json({
        phase: view.phase,
        connection: view.connection,
        budget: view.budget,
        lastUpdate: view.lastUpdate?.toISOString(),
        error:
          view.error === undefined
            ? undefined
            : { code: (view.error as { code?: unknown }).code ?? 'api', message: view.error.message },
        vehicles: (shared.account?.vehicles ?? []).map((vehicle) => ({
          vin: vehicle.vin,
          name: vehicle.snapshot.name,
          restored: vehicle.restored,
        })),
      });
    }),
  );

  RED.httpAdmin.delete(
    '/bimmer/accounts/:id',
    write,
    route(async (request, response) => {
      const id = checkNodeId(request.params.id ?? '');
      if (runtime.registry.get(id) !== undefined) {
        // Deployed: the deploy that removes the node deletes the files (close with `removed`).
        response.json({ deleted: false, reason: 'deployed' });
        return;
      }
      runtime.logins.forget(id);
      await removeAccountFiles(runtime.userDir(), id);
      response.json({ deleted: true });
    }),
  );

  RED.httpAdmin.get(
    '/bimmer/fields',
    read,
    route(async (_request, response) => {
      response.json(FIELD_CATALOGUE);
    }),
  );
}
