// A real, independent OpenID Connect provider (the npm package oidc-provider) for Switchyard's SSO tests.
// Usage: node provider.mjs  with environment
//   OIDC_PORT            port to listen on (127.0.0.1 only)
//   OIDC_CLIENT_ID       the one client's id
//   OIDC_CLIENT_SECRET   its secret (sent by the relying party as client_secret_post)
//   OIDC_REDIRECT_URIS   space-separated redirect URIs the client may use
//   OIDC_USERS           JSON: { "<login>": { "email": "...", "email_verified": true, "groups": ["..."] } }
// Sign-in uses oidc-provider's development interactions: any password is accepted for a login listed in OIDC_USERS.
// Prints "listening <issuer>" once it accepts connections.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(process.env.OIDC_USERS ?? '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: (process.env.OIDC_REDIRECT_URIS ?? '').split(' ').filter(Boolean),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['switchyard-test-oidc-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const user = users[id];
    if (!user) {
      return undefined;
    }
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: id, ...user };
      },
    };
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

http.createServer(provider.callback()).listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
