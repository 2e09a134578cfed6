/** The test Asterisk: scripts/asterisk.sh starts it with the same variables. */
export function testEnv() {
  const ariPort = Number(process.env.ARI_PORT ?? 8088);
  return {
    ariUrl: process.env.ARI_URL ?? `http://127.0.0.1:${ariPort}`,
    ariUser: process.env.ARI_USER ?? 'switchboard',
    ariPassword: process.env.ARI_PASSWORD ?? 'switchboard',
    sipPort: Number(process.env.SIP_PORT ?? 5060),
  };
}
