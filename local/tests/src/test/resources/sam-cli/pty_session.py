#!/usr/bin/env python3
"""Runs an interactive command in a pseudo-terminal and answers its prompts, as a person at a terminal would, for
the tests that drive `sam deploy --guided` (GuidedSession).

    python3 pty_session.py RULES.json RESULT.json -- command [args...]

RULES.json is a list of {"prompt": regex, "answer": text}. Whenever the command has printed nothing for a moment and
its last line matches a rule's regex (the first such rule wins), the answer and Enter are typed. A last line that
ends like a question (": ") but matches no rule is left unanswered, and the command is stopped after a while.
RESULT.json gets {"exit": code, "exchanges": [{"prompt", "answer"}...], "output": everything printed (colours and
carriage returns removed), "unanswered": the last line when the command was stopped waiting, else null}.
The terminal is 250 columns wide, so that tables are not wrapped.
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

QUIET_SECONDS = 0.25
UNANSWERED_SECONDS = 20
TOTAL_SECONDS = 600
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def clean(text):
    return ESCAPES.sub("", text).replace("\r", "")


def main(argv):
    rules_file, result_file, separator, command = argv[0], argv[1], argv[2], argv[3:]
    if separator != "--" or not command:
        print(__doc__, file=sys.stderr)
        return 2
    with open(rules_file, encoding="utf-8") as handle:
        rules = [(re.compile(rule["prompt"]), rule["answer"]) for rule in json.load(handle)]

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 250, 0, 0))

    output, pending, exchanges, unanswered = "", "", [], None
    started = last_output = time.monotonic()
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536).decode("utf-8", errors="replace")
            except OSError:
                break
            if not data:
                break
            output += data
            pending += data
            last_output = time.monotonic()
            continue
        now = time.monotonic()
        if now - started > TOTAL_SECONDS:
            unanswered = "<still running after %d s>" % TOTAL_SECONDS
            os.kill(pid, signal.SIGTERM)
            break
        if now - last_output < QUIET_SECONDS or not pending:
            continue
        last_line = clean(pending).split("\n")[-1]
        for prompt, answer in rules:
            if prompt.search(last_line):
                exchanges.append({"prompt": last_line.strip(), "answer": answer})
                os.write(fd, (answer + "\r").encode("utf-8"))
                pending = ""
                break
        else:
            if last_line.rstrip().endswith(":") and now - last_output > UNANSWERED_SECONDS:
                unanswered = last_line.strip()
                os.kill(pid, signal.SIGTERM)
                break
    # Drain what is left, then reap the command.
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 1)
            if not ready:
                break
            data = os.read(fd, 65536).decode("utf-8", errors="replace")
            if not data:
                break
            output += data
    except OSError:
        pass
    _, status = os.waitpid(pid, 0)
    with open(result_file, "w", encoding="utf-8") as handle:
        json.dump({"exit": os.waitstatus_to_exitcode(status), "exchanges": exchanges, "output": clean(output),
                   "unanswered": unanswered}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
