import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('screening Alert-Info configuration (SCREENING_ALERT_INFO, SCREENING_PHONE_FAMILIES)', () => {
  it('reads overrides per family and the devices\' families', () => {
    const config = loadConfig({
      SCREENING_ALERT_INFO: '{"polycom":{"silent":"<http://127.0.0.1>;info=quiet"}}',
      SCREENING_PHONE_FAMILIES: 'PJSIP/2002=polycom, 5550002=yealink',
    });
    expect(config.screeningAlertInfo).to.deep.equal({
      overrides: { polycom: { silent: '<http://127.0.0.1>;info=quiet' } },
      deviceFamilies: { 'PJSIP/2002': 'polycom', '5550002': 'yealink' },
    });
    expect(loadConfig({}).screeningAlertInfo).to.deep.equal({ overrides: {}, deviceFamilies: {} });
  });
  it('refuses, naming the variable, a family or alert type it does not know, bad JSON, a value on two lines', () => {
    for (const [variable, value] of [
      ['SCREENING_ALERT_INFO', '{"nokia":{"silent":"x"}}'],
      ['SCREENING_ALERT_INFO', '{"yealink":{"loud":"x"}}'],
      ['SCREENING_ALERT_INFO', '{yealink'],
      ['SCREENING_ALERT_INFO', '{"yealink":{"silent":"a\\r\\nX-Injected: 1"}}'],
      ['SCREENING_PHONE_FAMILIES', 'PJSIP/2002=nokia'],
      ['SCREENING_PHONE_FAMILIES', 'PJSIP/2002'],
    ]) {
      expect(() => loadConfig({ [variable!]: value }), `${variable}=${value}`).to.throw(ConfigError, variable);
    }
  });
});
