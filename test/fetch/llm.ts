/** Event streams as LLM APIs send them, for the request tests. */

/** An OpenAI-style chunk: `data: {"choices":[{"delta":{"content":…}}]}`. */
export const openAIChunk = (content: string): string => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`

export const DONE = 'data: [DONE]\n\n'

/** OpenAI-style chunks for `tokens`, then `[DONE]`. */
export const openAIStream = (tokens: readonly string[]): string => tokens.map(openAIChunk).join('') + DONE

export interface OpenAIChunk {
  readonly choices: readonly { readonly delta: { readonly content?: string } }[]
}

/** Appends a chunk's text: the reduce of a chat reply. */
export const appendDelta = (text: string, chunk: OpenAIChunk): string => text + (chunk.choices[0]?.delta.content ?? '')

/** An Anthropic-style named event. */
export const named = (type: string, payload: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`

/** Anthropic's Messages stream for `texts`, from message_start to message_stop. */
export const anthropicStream = (texts: readonly string[]): string =>
  [
    named('message_start', { message: { id: 'msg_1', role: 'assistant' } }),
    named('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...texts.map((text) => named('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    named('content_block_stop', { index: 0 }),
    named('message_stop', {}),
  ].join('')
