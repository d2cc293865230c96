// Headless Chromium for checking the reports: Debian's `chromium` package driven by playwright-core
// (playwright never downloads a browser here). CI installs it in .ci/run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { readSetting } from '../core/settings.ts'

/** The browser to drive: COURSE_CHROMIUM if set, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = readSetting('chromium') ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

export function missingChromiumMessage(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined
  return (
    `Chromium was not found at ${CHROMIUM_PATH}, so the reports cannot be checked in a browser. ` +
    'Install it with `apt-get install -y chromium` (Debian/Ubuntu; CI does this in .ci/run), ' +
    'or point COURSE_CHROMIUM at a Chromium or Chrome binary.'
  )
}

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** A fresh headless Chromium with its own throw-away profile. */
export async function launchChromium(viewport = { width: 1000, height: 900 }): Promise<Browser> {
  const missing = missingChromiumMessage()
  if (missing) throw new Error(missing)
  const profile = mkdtempSync(path.join(os.tmpdir(), 'course-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    offline: true,
    acceptDownloads: false,
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
