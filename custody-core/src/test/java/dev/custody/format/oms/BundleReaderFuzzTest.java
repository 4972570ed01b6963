package dev.custody.format.oms;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Signature files come from strangers. The bundle and statement readers must be total: for any
 * bytes they return a value or throw {@link MalformedBundleException}, nothing else. Run with
 * {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs (real bundles and
 * statements, and every crash found).
 */
class BundleReaderFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void bundleReaderEndsWithABundleOrMalformed(FuzzedDataProvider data) {
    try {
      Bundle bundle = BundleReader.read(data.consumeRemainingAsBytes());
      // Whatever it read must also be writable when it has the shape custody writes.
      if (bundle.envelope().signatures().size() == 1
          && !(bundle.material() instanceof VerificationMaterial.KeylessCertificate)) {
        BundleReader.read(BundleWriter.write(bundle));
      }
    } catch (MalformedBundleException expected) {
      // Refusing is fine; any other exception fails the test.
    }
  }

  @FuzzTest(maxDuration = "120s")
  void statementReaderEndsWithAStatementOrMalformed(FuzzedDataProvider data) {
    try {
      SignedStatement statement = StatementReader.read(data.consumeRemainingAsBytes());
      statement.isConsistent();
      statement.manifest().rootDigest();
    } catch (MalformedBundleException expected) {
      // Refusing is fine; any other exception fails the test.
    }
  }
}
