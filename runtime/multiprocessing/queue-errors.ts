// queue.Empty and queue.Full: raised by multiprocessing queues too, so they live with them.

import { Exception, registerException } from "../builtins/exceptions.js";

export class Empty extends Exception {}
export class Full extends Exception {}

registerException(Empty);
registerException(Full);
