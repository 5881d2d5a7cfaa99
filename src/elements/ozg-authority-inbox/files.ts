/**
 * The files of an application in `<ozg-authority-inbox>`: those of the form's answers and those a citizen sent
 * with a reply, each a button that fetches it with the key and hands it over to save.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../contract/common.ts';
import type { FileRef } from '../../contract/form-definition.ts';
import { formatBytes } from '../../forms/messages.ts';
import { inboxMessages as m } from './messages.ts';

/** One file being fetched, fetched (its object URL) or failed. */
export type Download = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error' };

/** What a list of files needs from the element. */
export interface FileContext {
  lang: Lang;
  /** By upload id. */
  downloads: ReadonlyMap<string, Download>;
  download: (file: FileRef) => void;
}

/** The files as a list of download buttons. */
export function renderFileList(files: readonly FileRef[], ctx: FileContext): TemplateResult {
  const { lang } = ctx;
  return html`<ul class="files">
    ${files.map((file) => {
      const download = ctx.downloads.get(file.uploadId);
      return html`<li>
        <button
          type="button"
          class="ozg-button ozg-button--secondary"
          part="download-button"
          aria-disabled=${download?.state === 'loading' ? 'true' : 'false'}
          @click=${() => {
            // Not `disabled`: that would drop the keyboard focus to the page while it loads.
            if (download?.state !== 'loading') ctx.download(file);
          }}
        >
          ${
            download?.state === 'loading'
              ? m(lang, 'downloading', { name: file.name })
              : m(lang, 'download', { name: file.name, size: formatBytes(file.size, lang) })
          }
        </button>
        ${
          download?.state === 'ready'
            ? html`<a href=${download.url} download=${file.name}
                >${m(lang, 'saveAgain', { name: file.name })}</a
              >`
            : nothing
        }
        ${
          download?.state === 'error'
            ? html`<p class="error" role="alert">${m(lang, 'downloadFailed', { name: file.name })}</p>`
            : nothing
        }
      </li>`;
    })}
  </ul>`;
}
