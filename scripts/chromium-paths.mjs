// Where a system Chromium (or Chrome, or Edge: the same engine) usually is; DEVINST_CHROMIUM first.
export function chromiumCandidates() {
  const env = process.env.DEVINST_CHROMIUM ? [process.env.DEVINST_CHROMIUM] : [];
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean);
    return [...env, ...roots.flatMap((r) => [`${r}\\Chromium\\Application\\chrome.exe`, `${r}\\Google\\Chrome\\Application\\chrome.exe`, `${r}\\Microsoft\\Edge\\Application\\msedge.exe`])];
  }
  if (process.platform === 'darwin') return [...env, '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  return [...env, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}
