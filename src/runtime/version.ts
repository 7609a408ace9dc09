/** deploy-guard's version: `package.json`'s, kept equal by a test (it names the CLI's --version and the user agent). */
export const VERSION = '0.1.0'
