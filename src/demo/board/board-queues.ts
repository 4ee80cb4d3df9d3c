import { BullAdapter as BullBoardAdapter } from '@bull-board/api/bullAdapter';
import { BULL_BOARD_INSTANCE, type BullBoardInstance } from '@bull-board/nestjs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueControl } from '../../active-job';

/** Puts every Bull queue of the app on the board, whichever module declared its jobs. */
@Injectable()
export class BoardQueues implements OnModuleInit {
  constructor(
    private readonly queues: QueueControl,
    @Inject(BULL_BOARD_INSTANCE) private readonly board: BullBoardInstance,
  ) {}

  onModuleInit(): void {
    for (const queue of this.queues.bullQueues()) {
      const boardQueue = new BullBoardAdapter(queue);
      // A job written by another client, or by an earlier release of this library (which stored Bull's preventParsingData),
      // reaches the board with its payload as a string; show it as the object it is.
      boardQueue.setFormatter('data', showPayload);
      this.board.addQueue(boardQueue);
    }
  }
}

function showPayload(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
