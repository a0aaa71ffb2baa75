//! Alibaba Cloud aiccs 2019-10-15.
