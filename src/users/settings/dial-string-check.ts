import type { Kysely } from 'kysely';
import { AriRequestError } from '../../ari/ari-rest.js';
import { AppError, badRequest } from '../../errors.js';
import type { Database, LocationKind } from '../../store/schema.js';
import { judgeDevice, judgeOutsideNumber, type DialVerdict, type KnownEndpoint } from '../policy/dial-strings.js';

export interface DialStringDeps {
  db: Kysely<Database>;
  /** ARI's endpoint list, asked at each check: a phone provisioned a minute ago counts. */
  listEndpoints: () => Promise<KnownEndpoint[]>;
  outboundAllowedNumbers: readonly string[];
}

interface LocationInput { kind: LocationKind; address: string; ringsForIncoming: boolean; label: string | null }

/**
 * The one place a route checks a dial string before storing it (policy in
 * `users/policy/dial-strings.ts`): a 400 naming the field and saying why, else the value
 * to store (a device as Asterisk spells it). A device already another user's is the
 * repository's 409 (`number-claims.ts`).
 */
export class DialStringCheck {
  constructor(private readonly deps: DialStringDeps) {}

  /** Primary and shared locations are devices; anywhere and mobile locations are outside numbers. */
  async locations<L extends LocationInput>(locations: L[], field = 'locations'): Promise<L[]> {
    const needsDevices = locations.some((l) => l.kind === 'primary' || l.kind === 'shared');
    const endpoints = needsDevices ? await this.endpoints() : [];
    return locations.map((l, i) => {
      const verdict = l.kind === 'primary' || l.kind === 'shared' ? judgeDevice(l.address, endpoints) : judgeOutsideNumber(l.address, this.deps.outboundAllowedNumbers);
      return { ...l, address: accepted(verdict, `${field}.${i}.address`) };
    });
  }

  /** One device (a phone), as Asterisk spells it. */
  async device(field: string, address: string): Promise<string> {
    return accepted(judgeDevice(address, await this.endpoints()), field);
  }

  /** A number the trunk dials for the user (a business user's or floating agent's secondary number). */
  outsideNumber(field: string, number: string): string {
    return accepted(judgeOutsideNumber(number, this.deps.outboundAllowedNumbers), field);
  }

  /**
   * A forward or divert number: an extension of the organisation rings that user
   * (`endpointForNumber` in the executive feature); anything else goes through the trunk.
   */
  async numberOrExtension(field: string, number: string, organisationId: number): Promise<string> {
    if (await this.isExtension(number, organisationId)) return number;
    return this.outsideNumber(field, number);
  }

  /**
   * The attendant's operator: an extension of the organisation, a device Asterisk knows that
   * is no other organisation's user's, or an outside number through the trunk.
   */
  async destination(field: string, value: string, organisationId: number): Promise<string> {
    if (/^\+?\d+$/.test(value)) return this.numberOrExtension(field, value, organisationId);
    const device = accepted(judgeDevice(value, await this.endpoints()), field);
    const owner = await this.deps.db.selectFrom('locations').innerJoin('users', 'users.id', 'locations.user_id')
      .select('users.organisation_id').where('locations.address', '=', device).where('locations.kind', 'in', ['primary', 'shared'])
      .executeTakeFirst();
    if (owner && owner.organisation_id !== organisationId) throw badRequest(field, `${device} is another organisation's device`);
    return device;
  }

  private async isExtension(number: string, organisationId: number): Promise<boolean> {
    if (!/^\d+$/.test(number)) return false;
    const user = await this.deps.db.selectFrom('users').select('id').where('organisation_id', '=', organisationId).where('extension', '=', number).executeTakeFirst();
    return user !== undefined;
  }

  private async endpoints(): Promise<KnownEndpoint[]> {
    try {
      return await this.deps.listEndpoints();
    } catch (error) {
      if (error instanceof AriRequestError) throw new AppError(503, 'asterisk-unreachable', 'cannot check the device: Asterisk is not answering; try again');
      throw error;
    }
  }
}

function accepted(verdict: DialVerdict, field: string): string {
  if (!verdict.ok) throw badRequest(field, verdict.reason);
  return verdict.kind === 'device' ? verdict.device : verdict.number;
}
