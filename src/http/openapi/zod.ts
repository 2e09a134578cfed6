import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * zod with zod-to-openapi's `.openapi()` added: `.openapi('User')` names a schema as a
 * component of /api/openapi.json. The generator needs the method on every schema, so a
 * schema file that names one imports `z` from here, which extends zod before use.
 */
extendZodWithOpenApi(z);

export { z };
