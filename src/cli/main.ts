/** Entry of the `rxllm` command (placeholder until the simulator lands). */
export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.write(`rxllm: ${argv.join(' ')}\n`);
  return 0;
}
