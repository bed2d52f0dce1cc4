package dev.mwaalogin.local;

import dev.mwaalogin.local.emulator.MwaaEmulator;
import java.util.Arrays;

/** {@code local/run <command>}: one entry point for the local tools. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "start-api" -> LocalApi.main(rest);
            case "invoke" -> LocalInvoke.main(rest);
            case "emulator" -> MwaaEmulator.main(rest);
            default -> {
                System.err.println("usage: local/run start-api | invoke | emulator | bench | profile  [--help for "
                        + "the first three]");
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }
}
