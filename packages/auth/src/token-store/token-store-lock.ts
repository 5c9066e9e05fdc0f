import type { TokenStore } from './token-store';

/**
 * The lock file that serialises token renewals of processes sharing `store`: `<path>.lock` when the
 * store keeps its tokens in a file and says where (a string `path`, as `FileTokenStore` has);
 * undefined otherwise (a store in memory or behind callbacks is not shared through the file system).
 */
export function tokenStoreLockPathOf(store: TokenStore): string | undefined {
  const path = (store as { readonly path?: unknown }).path;
  return typeof path === 'string' && path !== '' ? `${path}.lock` : undefined;
}
