import { expect } from '@open-wc/testing';
import { ApiClient } from '../../src/client/index.ts';
import { testBackend } from './backend.ts';

describe('the reference backend of the browser tests', () => {
  it('answers cross-origin requests of the test page through the real client', async () => {
    const { endpoint, tenant } = await testBackend();
    expect(new URL(endpoint).origin).not.to.equal(location.origin);
    const api = new ApiClient(endpoint);
    const tenantInfo = await api.request('getTenant', { params: { tenant } });
    expect(tenantInfo.id).to.equal(tenant);
    const list = await api.request('listServices', { params: { tenant }, query: { q: 'Baum fällen' } });
    expect(list.services[0]?.id).to.equal('baumfaellgenehmigung');
  });
});
