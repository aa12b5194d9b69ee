// The JSON spelling of every engine enum: the C++ enumerator names.
#pragma once

#include "codec/json_reader.h"
#include "engine/bundle.h"
#include "engine/member.h"
#include "engine/quote.h"

namespace loyalty::codec {

inline const EnumNames<engine::CurrencyKind> kCurrencyKinds = {{"qualifying", engine::CurrencyKind::qualifying},
                                                               {"reward", engine::CurrencyKind::reward}};

inline const EnumNames<engine::ExpiryKind> kExpiryKinds = {{"never", engine::ExpiryKind::never},
                                                           {"months_after", engine::ExpiryKind::months_after},
                                                           {"end_of_quarter", engine::ExpiryKind::end_of_quarter}};

inline const EnumNames<engine::AttributeOp> kAttributeOps = {
    {"eq", engine::AttributeOp::eq},         {"ne", engine::AttributeOp::ne},
    {"in", engine::AttributeOp::in},         {"not_in", engine::AttributeOp::not_in},
    {"exists", engine::AttributeOp::exists}, {"missing", engine::AttributeOp::missing},
    {"today_month_day", engine::AttributeOp::today_month_day}};

inline const EnumNames<engine::EarnKind> kEarnKinds = {{"base", engine::EarnKind::base},
                                                       {"multiplier", engine::EarnKind::multiplier},
                                                       {"fixed", engine::EarnKind::fixed}};

inline const EnumNames<engine::EarnTrigger> kEarnTriggers = {{"purchase", engine::EarnTrigger::purchase},
                                                             {"event", engine::EarnTrigger::event}};

inline const EnumNames<engine::Period> kPeriods = {{"day", engine::Period::day},
                                                   {"week", engine::Period::week},
                                                   {"month", engine::Period::month},
                                                   {"lifetime", engine::Period::lifetime}};

inline const EnumNames<engine::EffectKind> kEffectKinds = {{"percent_off", engine::EffectKind::percent_off},
                                                           {"amount_off", engine::EffectKind::amount_off},
                                                           {"fixed_price", engine::EffectKind::fixed_price},
                                                           {"free_item", engine::EffectKind::free_item},
                                                           {"buy_x_get_y", engine::EffectKind::buy_x_get_y}};

inline const EnumNames<engine::RedeemableKind> kRedeemableKinds = {{"promotion", engine::RedeemableKind::promotion},
                                                                   {"voucher", engine::RedeemableKind::voucher},
                                                                   {"reward", engine::RedeemableKind::reward}};

inline const EnumNames<engine::MemberStatus> kMemberStatuses = {{"active", engine::MemberStatus::active},
                                                                {"suspended", engine::MemberStatus::suspended},
                                                                {"closed", engine::MemberStatus::closed}};

inline const EnumNames<engine::MemberKind> kMemberKinds = {{"person", engine::MemberKind::person},
                                                           {"account", engine::MemberKind::account}};

inline const EnumNames<engine::SourceKind> kSourceKinds = {{"promotion", engine::SourceKind::promotion},
                                                           {"voucher", engine::SourceKind::voucher},
                                                           {"reward", engine::SourceKind::reward},
                                                           {"burn", engine::SourceKind::burn}};

}  // namespace loyalty::codec
