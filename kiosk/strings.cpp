#include "kiosk/strings.hpp"

#include <spdlog/spdlog.h>

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <sstream>

namespace oh::kiosk {

namespace {

void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
    for (const auto& [key, node] : table) {
        std::string full =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* sub = node.as_table()) {
            flatten(*sub, full, out);
        } else if (const auto* text = node.as_string()) {
            out[full] = text->get();
        }
    }
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StringsError("cannot read " + path.string());
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

}  // namespace

std::string substitute(std::string_view text,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> args) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        size_t close = std::string_view::npos;
        if (text[i] == '{') close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            out += text[i++];
            continue;
        }
        std::string_view name = text.substr(i + 1, close - i - 1);
        auto it = std::find_if(args.begin(), args.end(),
                               [&](const auto& arg) { return arg.first == name; });
        if (it == args.end()) {
            out += text.substr(i, close - i + 1);
        } else {
            out += it->second;
        }
        i = close + 1;
    }
    return out;
}

Strings Strings::loadDirectory(const std::filesystem::path& dir, std::string fallback) {
    Strings strings;
    strings.fallback_ = fallback;
    strings.current_ = fallback;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".toml") continue;
        strings.addLanguageToml(entry.path().stem().string(), readFile(entry.path()),
                                entry.path().string());
    }
    if (ec) throw StringsError("cannot list " + dir.string() + ": " + ec.message());
    if (!strings.hasLanguage(fallback)) {
        throw StringsError("no " + fallback + ".toml in " + dir.string());
    }
    return strings;
}

void Strings::addLanguageToml(std::string_view code, std::string_view tomlText,
                              std::string_view sourceName) {
    toml::table table;
    try {
        table = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& err) {
        std::ostringstream msg;
        msg << sourceName << ":" << err.source().begin.line << ": " << err.description();
        throw StringsError(msg.str());
    }
    std::map<std::string, std::string, std::less<>> entries;
    flatten(table, "", entries);
    LanguageInfo info{std::string(code), std::string(code)};
    if (auto name = entries.find("meta.name"); name != entries.end())
        info.nativeName = name->second;
    addLanguage(std::move(info), std::move(entries));
}

void Strings::addLanguage(LanguageInfo info,
                          std::map<std::string, std::string, std::less<>> entries) {
    std::string code = info.code;
    languages_[code] = Language{std::move(info), std::move(entries)};
}

bool Strings::setLanguage(std::string_view code) {
    if (!hasLanguage(code)) return false;
    current_ = std::string(code);
    return true;
}

std::vector<LanguageInfo> Strings::languages() const {
    std::vector<LanguageInfo> out;
    if (const auto* fb = find(fallback_)) out.push_back(fb->info);
    for (const auto& [code, lang] : languages_) {
        if (code != fallback_) out.push_back(lang.info);
    }
    return out;
}

bool Strings::hasLanguage(std::string_view code) const {
    return find(code) != nullptr;
}

const Strings::Language* Strings::find(std::string_view code) const {
    auto it = languages_.find(code);
    return it == languages_.end() ? nullptr : &it->second;
}

const std::string& Strings::get(std::string_view key) const {
    for (const std::string& code : {current_, fallback_}) {
        if (const auto* lang = find(code)) {
            if (auto it = lang->entries.find(key); it != lang->entries.end()) return it->second;
        }
    }
    auto it = missing_.find(key);
    if (it == missing_.end()) {
        spdlog::warn("kiosk: string '{}' is missing in '{}' and '{}'", key, current_, fallback_);
        it = missing_.emplace(std::string(key), std::string(key)).first;
    }
    return it->second;
}

std::string Strings::format(
    std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
    return substitute(get(key), args);
}

bool Strings::has(std::string_view code, std::string_view key) const {
    const auto* lang = find(code);
    return lang && lang->entries.find(key) != lang->entries.end();
}

std::vector<std::string> Strings::keys(std::string_view code) const {
    std::vector<std::string> out;
    if (const auto* lang = find(code)) {
        for (const auto& [key, value] : lang->entries) out.push_back(key);
    }
    return out;
}

std::string Strings::allText() const {
    std::string out;
    for (const auto& [code, lang] : languages_) {
        for (const auto& [key, value] : lang.entries) out += value;
    }
    return out;
}

}  // namespace oh::kiosk
