/** A signed-in API client for tests: JSON in, status and JSON out. */
export interface ApiResponse<T = Record<string, unknown>> { status: number; body: T; headers: Headers }

export class ApiClient {
  constructor(readonly baseUrl: string, private token?: string) {}

  static async signIn(baseUrl: string, login: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.request<{ token: string }>('POST', '/api/auth/login', { login, password });
    if (res.status !== 200) throw new Error(`sign-in as ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
    client.token = res.body.token;
    return client;
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string) { return this.request<T>('GET', path); }
  post<T = Record<string, unknown>>(path: string, body?: unknown) { return this.request<T>('POST', path, body); }
  put<T = Record<string, unknown>>(path: string, body?: unknown) { return this.request<T>('PUT', path, body); }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) { return this.request<T>('PATCH', path, body); }
  delete<T = Record<string, unknown>>(path: string) { return this.request<T>('DELETE', path); }
}
