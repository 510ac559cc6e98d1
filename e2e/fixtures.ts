/**
 * The suite's shared Playwright `test` and `expect`: every spec imports them from here, not from
 * '@playwright/test', so that each test fails on any Content-Security-Policy violation.
 *
 * The auto fixture `cspGuard` records, for every page of the test's context:
 * - `securitypolicyviolation` events on the page's document (an init script reports them at once
 *   through an exposed binding, so they survive navigations);
 * - the same event inside each dedicated worker (a listener added when the worker starts; read
 *   back when the test ends, if the worker is still alive);
 * - console messages that mention "Content Security Policy" (Chromium logs every violation,
 *   page or worker, that way; this also covers a worker that died before it could be read).
 */
import { test as base, expect, type Page, type Worker } from '@playwright/test';

export * from '@playwright/test';
export { expect };

interface CspWindow {
  __floplabReportCsp?: (line: string) => void;
  __floplabCspViolations?: string[];
}

async function watchWorker(worker: Worker): Promise<void> {
  await worker
    .evaluate(() => {
      const scope = self as unknown as CspWindow & EventTarget;
      scope.__floplabCspViolations = [];
      scope.addEventListener('securitypolicyviolation', (event) => {
        const e = event as SecurityPolicyViolationEvent;
        scope.__floplabCspViolations?.push(
          `worker: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    })
    .catch(() => undefined); // the worker may already be gone
}

async function readWorker(worker: Worker): Promise<string[]> {
  return worker
    .evaluate(() => (self as unknown as CspWindow).__floplabCspViolations ?? [])
    .catch(() => []);
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const pages: Page[] = [];
      await context.exposeBinding('__floplabReportCsp', (_source, line: string) => {
        violations.push(`page: ${line}`);
      });
      await context.addInitScript(() => {
        // Written out here (not shared with the worker listener): an init script cannot close
        // over Node functions, and rebuilding one with `new Function` would itself break the CSP.
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as CspWindow).__floplabReportCsp?.(
            `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
          );
        });
      });
      const watchPage = (page: Page) => {
        pages.push(page);
        page.on('console', (message) => {
          if (message.text().includes('Content Security Policy')) {
            violations.push(`console: ${message.text()}`);
          }
        });
        page.on('worker', (worker) => void watchWorker(worker));
      };
      context.pages().forEach(watchPage);
      context.on('page', watchPage);

      await use();

      for (const page of pages) {
        for (const worker of page.workers()) violations.push(...(await readWorker(worker)));
      }
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
