package org.phigate.review.api;

import java.util.List;
import java.util.Optional;
import org.phigate.schema.ReviewItem;

/** Reads of the review role's hold store (interactive queries) and where its keys live across instances. */
public interface ReviewQueries {
  /** Every item in this instance's part of the store. */
  List<ReviewItem> localItems();

  /** The item if this instance holds it. */
  Optional<ReviewItem> localItem(String reviewId);

  /** host:port of the instance that owns the key, or null when it is this one (or no one else is known). */
  String ownerOf(String reviewId);

  /** host:port of every other instance that holds part of the store. */
  List<String> otherInstances();
}
