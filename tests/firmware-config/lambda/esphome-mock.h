// Test double of the few ESPHome and ArduinoJson APIs the LED board lambdas use
// (firmware-config/packages/led-board.yaml), so that the very lambda text compiles
// with g++ and runs here. Semantics follow ArduinoJson: is<T>() is true only when the
// value has that type and fits; a missing key reads as null.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

struct JsonVariantConst {
  enum Kind { Null, Int, Float, Str, Bool, Other } kind = Null;
  long long i = 0;
  std::string s;
  template <typename T> bool is() const;
  template <typename T> T as() const;
  bool isNull() const { return kind == Null; }
};
template <> inline bool JsonVariantConst::is<uint32_t>() const { return kind == Int && i >= 0 && i <= 0xffffffffLL; }
template <> inline bool JsonVariantConst::is<const char *>() const { return kind == Str; }
template <> inline uint32_t JsonVariantConst::as<uint32_t>() const { return (uint32_t) i; }
template <> inline const char *JsonVariantConst::as<const char *>() const { return kind == Str ? s.c_str() : nullptr; }

struct JsonObjectConst {
  std::map<std::string, JsonVariantConst> m;
  JsonVariantConst operator[](const char *k) const {
    auto it = m.find(k);
    return it == m.end() ? JsonVariantConst{} : it->second;
  }
};

#define ESP_LOGW(tag, ...) (std::fprintf(stderr, "W %s: ", tag), std::fprintf(stderr, __VA_ARGS__), std::fputc('\n', stderr))
#define ESP_LOGD(tag, ...) (std::fprintf(stderr, "D %s: ", tag), std::fprintf(stderr, __VA_ARGS__), std::fputc('\n', stderr))
#define ESP_LOGI(tag, ...) (std::fprintf(stderr, "I %s: ", tag), std::fprintf(stderr, __VA_ARGS__), std::fputc('\n', stderr))

static uint32_t fake_millis = 0;
inline uint32_t millis() { return fake_millis; }

// The `globals:` of led-board.yaml, reached through id() as in ESPHome.
static uint32_t last_seq = 0;
static bool has_seq = false;
static int board_state = 0;
static std::string board_number;
static std::string board_text;
static uint32_t called_at = 0;
struct Display {
  int updates = 0;
  void update() { updates++; }
};
static Display board;
#define id(x) x

// The display's `it` as far as the lambda uses it.
struct It {
  std::string lit;
  void printdigit(const char *s) { lit = s; }
};
