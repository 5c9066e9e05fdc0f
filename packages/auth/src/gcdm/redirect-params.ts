/**
 * The query parameters of a URL-like string, everything after the first `?`. Works for the
 * custom-scheme redirects of the MyBMW login (`com.bmw.connected://oauth?code=…`) and for the
 * `redirect_to` value of authenticate step 1, whose query may contain raw spaces.
 */
export function redirectParams(urlLike: string): URLSearchParams {
  const question = urlLike.indexOf('?');
  return new URLSearchParams(question === -1 ? '' : urlLike.slice(question + 1));
}
