#include "core/render/pango_util.hpp"

#include <algorithm>
#include <string>

namespace oh::pango {

void setUnhinted(PangoContext* context) {
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
}

FontPtr notoFont(double size, bool bold) {
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamilies);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    return font;
}

void setTextAndLanguage(PangoLayout* layout, std::string_view text, std::string_view language) {
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    if (language.empty()) {
        pango_layout_set_attributes(layout, nullptr);
        return;
    }
    const std::string tag(language);
    AttrListPtr attrs(pango_attr_list_new());
    // The attribute covers the whole text (default start/end indices).
    pango_attr_list_insert(attrs.get(),
                           pango_attr_language_new(pango_language_from_string(tag.c_str())));
    pango_layout_set_attributes(layout, attrs.get());
}

void drawAtBaseline(cairo_t* cr, PangoLayout* layout, double x, double baselineY) {
    const double baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    cairo_move_to(cr, x, baselineY - baseline);
    pango_cairo_show_layout(cr, layout);
}

void fillQr(cairo_t* cr, const QrCode& code, double x, double y, double side) {
    const double module = side / code.size;
    for (int row = 0; row < code.size; ++row) {
        int col = 0;
        while (col < code.size) {
            if (!code.isDark(col, row)) {
                ++col;
                continue;
            }
            const int start = col;
            while (col < code.size && code.isDark(col, row)) ++col;
            cairo_rectangle(cr, x + start * module, y + row * module, (col - start) * module,
                            module);
        }
    }
    cairo_fill(cr);
}

RgbaImage toRgbaImage(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    RgbaImage out(cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface));
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < out.height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * out.width * 4;
        for (int x = 0; x < out.width; ++x, dst += 4) {
            const std::uint32_t px = row[x];
            const std::uint32_t a = px >> 24;
            if (a == 0) continue;  // stays transparent black
            auto channel = [&](int shift) {
                const std::uint32_t c = (px >> shift) & 0xFF;
                return static_cast<std::uint8_t>(
                    std::min<std::uint32_t>(255, (c * 255 + a / 2) / a));
            };
            dst[0] = channel(16);
            dst[1] = channel(8);
            dst[2] = channel(0);
            dst[3] = static_cast<std::uint8_t>(a);
        }
    }
    return out;
}

cairo_status_t writeToFile(void* closure, const unsigned char* data, unsigned int length) {
    auto* file = static_cast<std::FILE*>(closure);
    return std::fwrite(data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS
                                                        : CAIRO_STATUS_WRITE_ERROR;
}

}  // namespace oh::pango
