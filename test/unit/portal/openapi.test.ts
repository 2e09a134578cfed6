import { expect } from 'chai';
import { openApiDocument } from '../../../src/http/openapi/openapi.js';
import { attendantPaths } from '../../../src/features/attendant/api/attendant-openapi.js';
import { executivePaths } from '../../../src/features/executive/api/executive-openapi.js';
import { voicemailPaths } from '../../../src/features/voicemail/api/voicemail-openapi.js';

describe('the OpenAPI description', () => {
  const document = openApiDocument({ ...executivePaths, ...attendantPaths, ...voicemailPaths }) as { openapi: string; paths: Record<string, Record<string, { responses?: object; summary?: string }>>; components: { schemas: Record<string, unknown> } };

  it('describes the core and every feature\'s routes, each operation with a summary and responses', () => {
    expect(document.openapi).to.equal('3.1.0');
    for (const path of ['/auth/login', '/auth/impersonate', '/users/{id}', '/audit', '/live', '/executives/{id}/filtering', '/attendant/users/{id}/out-of-office', '/voicemail/messages']) {
      expect(document.paths, path).to.have.property(path);
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters') continue;
        expect(operation.summary, `${method} ${path}`).to.be.a('string');
        expect(operation.responses, `${method} ${path}`).to.be.an('object');
      }
    }
  });

  it('has every schema it refers to', () => {
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    for (const name of new Set(refs)) expect(document.components.schemas, name).to.have.property(name);
  });
});
