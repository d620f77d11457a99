// User-facing text, loaded from assets/strings/<code>.toml. Every string a screen shows goes
// through here so the kiosk can switch language on the attract screen.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oh::kiosk {

struct LanguageInfo {
    std::string code;        // file stem, e.g. "es"
    std::string nativeName;  // [meta] name, e.g. "Español"
};

class StringsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Not thread-safe: owned and used by the UI thread only.
class Strings {
  public:
    // Loads every *.toml in `dir`. Throws StringsError if the fallback language is missing or a
    // file does not parse (a kiosk with broken strings must not start silently).
    static Strings loadDirectory(const std::filesystem::path& dir, std::string fallback = "en");
    // Parses one TOML document; nested tables become dotted keys ("failure.expired.title").
    void addLanguageToml(std::string_view code, std::string_view tomlText,
                         std::string_view sourceName = "<memory>");
    void addLanguage(LanguageInfo info, std::map<std::string, std::string, std::less<>> entries);

    bool setLanguage(std::string_view code);  // false (and unchanged) if unknown
    const std::string& language() const { return current_; }
    const std::string& fallbackLanguage() const { return fallback_; }
    std::vector<LanguageInfo> languages() const;  // fallback first, then by code
    bool hasLanguage(std::string_view code) const;

    // Current language, then the fallback language, then the key itself (so a missing
    // string is visible on screen and in the log rather than blank).
    const std::string& get(std::string_view key) const;
    // get() with "{name}" placeholders replaced; unknown placeholders are left as written.
    std::string format(
        std::string_view key,
        std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;
    bool has(std::string_view code, std::string_view key) const;
    std::vector<std::string> keys(std::string_view code) const;
    // Every string of every language concatenated: the font atlas needs their glyphs.
    std::string allText() const;

  private:
    struct Language {
        LanguageInfo info;
        std::map<std::string, std::string, std::less<>> entries;
    };
    const Language* find(std::string_view code) const;

    std::map<std::string, Language, std::less<>> languages_;
    std::string fallback_ = "en";
    std::string current_ = "en";
    mutable std::map<std::string, std::string, std::less<>> missing_;  // keys returned as-is
};

std::string substitute(std::string_view text,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> args);

}  // namespace oh::kiosk
