import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed with mailparser.
 * It can be stopped and started again on the same port (to test sends while the relay is down),
 * and can take `delayMs` per message (a slow relay).
 */
export class CapturingSmtp {
  readonly received: ParsedMail[] = []
  delayMs = 0
  private server?: SMTPServer

  start(port: number): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs))
            this.received.push(mail)
          })
          .then(() => callback(), callback)
      },
    })
    return new Promise((resolve) => this.server!.listen(port, '127.0.0.1', resolve))
  }

  stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }
}
