// The real API's rules for thinking blocks sent back in the conversation:
// - with thinking on, every `thinking` block must carry the signature the API gave it (a block whose text
//   changed in the latest assistant message "cannot be modified"; elsewhere, and for any signature the API did
//   not issue, "Invalid `signature`"); `redacted_thinking` data must come back unchanged;
// - with thinking on, an assistant message holding thinking blocks starts with one, and the assistant message
//   whose tool calls the conversation ends answering starts with a thinking block;
// - with thinking off, the final assistant message may not contain thinking.
import { SimHttpError } from '../error-bodies.js';
import type { ThinkingSigner } from '../turn/thinking-signer.js';
import type { AnthropicMessage } from './anthropic-content.js';

const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

function fail(message: string): SimHttpError {
  return new SimHttpError('bad-request', { message });
}

const isThinking = (type: string): boolean => type === 'thinking' || type === 'redacted_thinking';

function blockType(m: AnthropicMessage, j: number): string {
  const b = m.blocks[j]!;
  return b.type === 'other' ? b.blockType : b.type;
}

/** Throws the real API's 400 when the conversation's thinking blocks break a rule (see the file comment). */
export function checkThinkingBlocks(messages: readonly AnthropicMessage[], thinkingOn: boolean, signer: ThinkingSigner): void {
  const lastAssistant = messages.map((m) => m.role).lastIndexOf('assistant');
  if (!thinkingOn) {
    const final = messages.at(-1)!;
    const j = final.role === 'assistant' ? final.blocks.findIndex((b) => isThinking(b.type)) : -1;
    if (j >= 0) {
      throw fail(`messages.${messages.length - 1}.content.${j}: When thinking is disabled, an \`assistant\` message in the final position cannot contain \`thinking\`. To use thinking blocks, enable \`thinking\` in your request.`);
    }
    return;
  }
  messages.forEach((m, i) => {
    if (m.role !== 'assistant') return;
    if (m.blocks.some((b) => isThinking(b.type)) && !isThinking(blockType(m, 0))) {
      throw fail(`messages.${i}.content.0: If an assistant message contains any thinking blocks, the first block must be thinking or redacted_thinking. Found ${blockType(m, 0)}.`);
    }
    m.blocks.forEach((b, j) => {
      if (b.type === 'redacted_thinking' && !signer.checkRedacted(b.data)) throw fail(`messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`);
      if (b.type !== 'thinking') return;
      const check = signer.check(b.thinking, b.signature);
      if (check === 'altered' && i === lastAssistant) {
        throw fail(`messages.${i}.content.${j}: \`thinking\` or \`redacted_thinking\` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response.`);
      }
      if (check !== 'valid') throw fail(`messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
    });
  });
  const final = messages.at(-1)!;
  const answering = final.role === 'user' && final.blocks.some((b) => b.type === 'tool_result');
  if (answering && lastAssistant >= 0) {
    const m = messages[lastAssistant]!;
    if (m.blocks.length > 0 && !isThinking(blockType(m, 0))) {
      throw fail(`messages.${lastAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${blockType(m, 0)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at ${DOCS}`);
    }
  }
}
