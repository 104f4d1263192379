/** A discovery or OpenAPI answer as the server's Reply (handler.ts). */
import type { Reply } from '../handler';
import type { WireAnswer } from './answer';

export function answerReply(answer: WireAnswer): Reply {
  return { kind: 'answer', answer };
}
