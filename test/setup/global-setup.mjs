// Jest loads global setup outside its module system (no moduleNameMapper, no ts-jest for
// imports), so the TypeScript setup is loaded through tsx, which honours tsconfig paths.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup(globalConfig, projectConfig) {
  const { default: setup } = await tsImport('./boot-services.ts', import.meta.url);
  await setup(globalConfig, projectConfig);
}
