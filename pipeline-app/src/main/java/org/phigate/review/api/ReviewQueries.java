package org.phigate.review.api;

import java.util.List;
import java.util.Optional;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;

/** Reads of the review role's hold store (interactive queries) and where its keys live across instances. */
public interface ReviewQueries {
  /** Every item in this instance's part of the store. */
  List<ReviewItem> localItems();

  /** The item if this instance holds it. */
  Optional<ReviewItem> localItem(String reviewId);

  /** The de-identified source of the item's event, if this instance holds it. */
  Optional<DeidentifiedEvent> localSource(String reviewId);

  /** The sealed vault entry of a token (the vault is a global table: every instance has it all), or null. */
  VaultEntry vaultEntry(String token);

  /** host:port of the instance that owns the key, or null when it is this one (or no one else is known). */
  String ownerOf(String reviewId);

  /** host:port of every other instance that holds part of the store. */
  List<String> otherInstances();
}
