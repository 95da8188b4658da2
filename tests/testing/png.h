// Reading PNG pictures in tests: enough of the format for what Chromium's
// screenshots are (8-bit RGB or RGBA, not interlaced), to check that a page
// rendered to something.
//
//   absl::StatusOr<PngImage> image = ReadPng(ReadFile(path));
//   image->width; image->DistinctColours();
//
// Thread-safety: pure functions; an image is a value.

#ifndef SCORECARD_TESTS_TESTING_PNG_H_
#define SCORECARD_TESTS_TESTING_PNG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace scorecard::testing {

struct PngImage {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> pixels;  // 0xRRGGBB, row by row.

  // How many different colours the picture holds.
  size_t DistinctColours() const;
  // How many pixels are not `colour`.
  size_t PixelsOtherThan(uint32_t colour) const;
};

// Decodes `bytes`, a PNG file; INVALID_ARGUMENT for anything it cannot read
// (another bit depth or colour type, interlacing, a broken stream).
absl::StatusOr<PngImage> ReadPng(absl::string_view bytes);

}  // namespace scorecard::testing

#endif  // SCORECARD_TESTS_TESTING_PNG_H_
