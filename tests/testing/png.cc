#include "tests/testing/png.h"

#include <zlib.h>

#include <cstdlib>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace scorecard::testing {
namespace {

uint32_t BigEndian(absl::string_view bytes, size_t at) {
  return (uint32_t{static_cast<uint8_t>(bytes[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(bytes[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(bytes[at + 2])} << 8) |
         uint32_t{static_cast<uint8_t>(bytes[at + 3])};
}

int Paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a);
  const int pb = std::abs(p - b);
  const int pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

}  // namespace

size_t PngImage::DistinctColours() const {
  return std::set<uint32_t>(pixels.begin(), pixels.end()).size();
}

size_t PngImage::PixelsOtherThan(uint32_t colour) const {
  size_t count = 0;
  for (uint32_t pixel : pixels) count += pixel != colour ? 1 : 0;
  return count;
}

absl::StatusOr<PngImage> ReadPng(absl::string_view bytes) {
  if (bytes.size() < 8 || bytes.substr(0, 8) != "\x89PNG\r\n\x1a\n") {
    return absl::InvalidArgumentError("not a PNG file");
  }
  PngImage image;
  int channels = 0;
  std::string compressed;
  for (size_t at = 8; at + 12 <= bytes.size();) {
    const uint32_t length = BigEndian(bytes, at);
    const absl::string_view type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) {
      return absl::InvalidArgumentError("a chunk runs past the end");
    }
    const absl::string_view data = bytes.substr(at + 8, length);
    if (type == "IHDR") {
      image.width = static_cast<int>(BigEndian(data, 0));
      image.height = static_cast<int>(BigEndian(data, 4));
      const int depth = static_cast<uint8_t>(data[8]);
      const int colour_type = static_cast<uint8_t>(data[9]);
      const int interlace = static_cast<uint8_t>(data[12]);
      if (depth != 8 || (colour_type != 2 && colour_type != 6) ||
          interlace != 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("unsupported PNG: depth ", depth, ", colour type ",
                         colour_type, ", interlace ", interlace));
      }
      channels = colour_type == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      compressed.append(data.data(), data.size());
    }
    at += 12 + length;
  }
  if (channels == 0 || image.width <= 0 || image.height <= 0 ||
      image.width > 20000 || image.height > 20000) {
    return absl::InvalidArgumentError("no usable IHDR");
  }
  const size_t stride = static_cast<size_t>(image.width) * channels;
  std::string raw((stride + 1) * image.height, '\0');
  uLongf raw_size = raw.size();
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                 reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK ||
      raw_size != raw.size()) {
    return absl::InvalidArgumentError("the image data does not inflate");
  }
  std::vector<uint8_t> previous(stride, 0);
  std::vector<uint8_t> row(stride);
  image.pixels.reserve(static_cast<size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* line =
        reinterpret_cast<const uint8_t*>(raw.data()) + y * (stride + 1);
    const int filter = line[0];
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= static_cast<size_t>(channels) ? row[x - channels] : 0;
      const int b = previous[x];
      const int c =
          x >= static_cast<size_t>(channels) ? previous[x - channels] : 0;
      int predicted = 0;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) / 2;
          break;
        case 4:
          predicted = Paeth(a, b, c);
          break;
        default:
          return absl::InvalidArgumentError(
              absl::StrCat("row ", y, " has filter ", filter));
      }
      row[x] = static_cast<uint8_t>(line[1 + x] + predicted);
    }
    for (int x = 0; x < image.width; ++x) {
      const uint8_t* p = &row[static_cast<size_t>(x) * channels];
      image.pixels.push_back((uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) |
                             p[2]);
    }
    previous = row;
  }
  return image;
}

}  // namespace scorecard::testing
