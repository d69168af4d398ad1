/** Mozilla's addons-linter ships no types: the part tests/integration/extension-store.test.ts uses. */
declare module "addons-linter" {
  interface LinterMessage {
    code: string;
    message: string;
    file?: string;
  }
  const linter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): {
      run(): Promise<{ errors: LinterMessage[]; warnings: LinterMessage[]; notices: LinterMessage[] }>;
    };
  };
  export default linter;
}
