import { expect } from '@open-wc/testing';
import { ApiClient, ApiError } from '../../src/client/index.ts';

/** Just enough of XMLHttpRequest to script an upload. */
class FakeXhr extends EventTarget {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  timeout = 0;
  responseHeaders: Record<string, string> = {};
  upload = new EventTarget();
  aborted = false;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.dispatchEvent(new Event('abort'));
  }
  respond(status: number, body: string, contentType = 'application/json') {
    this.status = status;
    this.responseText = body;
    this.responseHeaders['content-type'] = contentType;
    this.dispatchEvent(new Event('load'));
  }
}

const params = { tenant: 'heide', formId: 'baumfaellung', fieldId: 'F60000001' };

function setup() {
  const xhrs: FakeXhr[] = [];
  const api = new ApiClient('https://ozg.example.de', {
    xhr: () => {
      const xhr = new FakeXhr();
      xhrs.push(xhr);
      return xhr as unknown as XMLHttpRequest;
    },
  });
  return { api, xhrs };
}

describe('ApiClient.upload', () => {
  it('posts the file with its type and encoded name, reports progress and validates the FileRef', async () => {
    const { api, xhrs } = setup();
    const file = new File(['x'.repeat(100)], 'Lageplan Größe.pdf', { type: 'application/pdf' });
    const progress: number[] = [];
    const pending = api.upload(params, file, { onProgress: (p) => progress.push(p.loaded / p.total) });
    const xhr = xhrs[0]!;
    expect(xhr.method).to.equal('POST');
    expect(xhr.url).to.equal(
      'https://ozg.example.de/api/v1/tenants/heide/forms/baumfaellung/fields/F60000001/uploads',
    );
    expect(xhr.headers['Content-Type']).to.equal('application/pdf');
    expect(xhr.headers['X-File-Name']).to.equal('Lageplan%20Gr%C3%B6%C3%9Fe.pdf');
    expect(xhr.body).to.equal(file);
    xhr.upload.dispatchEvent(
      new ProgressEvent('progress', { loaded: 50, total: 100, lengthComputable: true }),
    );
    const ref = {
      uploadId: 'abcdefghijklmnop',
      name: 'Lageplan Größe.pdf',
      size: 100,
      type: 'application/pdf',
    };
    xhr.respond(201, JSON.stringify(ref));
    expect(await pending).to.deep.equal(ref);
    expect(progress).to.deep.equal([0.5]);
  });

  it('rejects a malformed answer and a 413 problem', async () => {
    const { api, xhrs } = setup();
    const file = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    const first = api.upload(params, file);
    xhrs[0]!.respond(201, '{"uploadId": 1}');
    const error1 = await first.catch((e: unknown) => e as ApiError);
    expect(error1).to.be.instanceOf(ApiError);
    expect((error1 as ApiError).kind).to.equal('malformed');
    const second = api.upload(params, file);
    xhrs[1]!.respond(
      413,
      '{"type":"urn:ozg:problem:payload-too-large","title":"Too large","status":413}',
      'application/problem+json',
    );
    const error2 = (await second.catch((e: unknown) => e)) as ApiError;
    expect(error2.status).to.equal(413);
    expect(error2.problem?.type).to.equal('urn:ozg:problem:payload-too-large');
  });

  it('aborts the upload when the caller aborts or the client is disposed', async () => {
    const { api, xhrs } = setup();
    const file = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    const controller = new AbortController();
    const first = api.upload(params, file, { signal: controller.signal });
    controller.abort();
    expect(((await first.catch((e: unknown) => e)) as ApiError).kind).to.equal('aborted');
    expect(xhrs[0]!.aborted).to.equal(true);
    const second = api.upload(params, file);
    api.dispose();
    expect(((await second.catch((e: unknown) => e)) as ApiError).kind).to.equal('aborted');
    expect(xhrs[1]!.aborted).to.equal(true);
  });
});
