/**
 * The parts of Node-RED's runtime API our nodes use, typed here because Node-RED ships no types.
 * Kept narrow on purpose: what is not listed is not used, so a Node-RED upgrade that changes
 * something else cannot break us unnoticed.
 */

/** A message travelling through a flow. */
export interface NodeMessage {
  payload?: unknown;
  topic?: string;
  _msgid?: string;
  [key: string]: unknown;
}

/** The node status shown under a node on the canvas. */
export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'dot' | 'ring';
  text?: string;
}

/** `send` as handed to an input handler (Node-RED 1.0+). */
export type SendFunction = (message: NodeMessage | (NodeMessage | null)[] | null) => void;
/** `done` as handed to an input handler: call once per message, with the error when it failed. */
export type DoneFunction = (error?: Error) => void;

/** A node instance, after `RED.nodes.createNode(this, config)`. */
export interface RuntimeNode {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  /** Credentials of the node (decrypted), when its type declares them. */
  credentials?: Record<string, string | undefined>;
  on(event: 'input', handler: (message: NodeMessage, send: SendFunction, done: DoneFunction) => void): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  status(status: NodeStatus): void;
  send(message: NodeMessage | (NodeMessage | null)[] | null): void;
  error(error: unknown, message?: NodeMessage): void;
  warn(message: unknown): void;
  log(message: unknown): void;
}

/** The configuration object Node-RED hands to a node's constructor (the node's properties). */
export interface NodeConfig {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly [key: string]: unknown;
}

/** A credentials declaration of `registerType`. */
export type CredentialTypes = Record<string, { type: 'text' | 'password' }>;

/** An Express-like request as the admin routes see it. */
export interface AdminRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  body: unknown;
}

/** An Express-like response as the admin routes use it. */
export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): void;
  type(contentType: string): AdminResponse;
  send(body: string): void;
}

/** An Express handler. */
export type AdminHandler = (request: AdminRequest, response: AdminResponse, next: () => void) => void;

/** The admin HTTP app (`RED.httpAdmin`). */
export interface AdminApp {
  get(path: string, ...handlers: AdminHandler[]): void;
  post(path: string, ...handlers: AdminHandler[]): void;
  delete(path: string, ...handlers: AdminHandler[]): void;
}

/** Node-RED's event bus (`RED.events`). */
export interface RuntimeEvents {
  on(event: string, listener: (payload: unknown) => void): void;
  off?(event: string, listener: (payload: unknown) => void): void;
  removeListener(event: string, listener: (payload: unknown) => void): void;
}

/** The `RED` object handed to a node module. */
export interface NodeRedRuntime {
  readonly nodes: {
    createNode(node: object, config: NodeConfig): void;
    registerType(
      type: string,
      definition: (this: RuntimeNode, config: NodeConfig) => void,
      options?: { credentials?: CredentialTypes },
    ): void;
    getNode(id: string): unknown;
  };
  readonly httpAdmin: AdminApp;
  readonly auth?: { needsPermission(permission: string): AdminHandler };
  readonly comms?: { publish(topic: string, data: unknown, retain?: boolean): void };
  readonly settings: { readonly userDir?: string; readonly [key: string]: unknown };
  readonly events?: RuntimeEvents;
  readonly log: {
    info(message: unknown): void;
    warn(message: unknown): void;
    error(message: unknown): void;
    debug(message: unknown): void;
  };
}
