# What podman needs on this host, for build.sh and the container test to
# source: podman_global_options (before the command) and
# podman_container_options (for build and run). Elsewhere both are usually
# empty. Two host facts are checked:
# - crun 1.8 (Debian 12's default runtime) refuses hosts whose cgroups are in
#   hybrid mode (v1 controllers with a v2 tree); runc runs there.
# - podman's default rlimits (nproc 32768, nofile 1048576) cannot be set
#   where the container engine lacks CAP_SYS_RESOURCE; then the container gets
#   this shell's open-file limit and 4096 processes.
podman_global_options=()
podman_container_options=()
if [ -d /sys/fs/cgroup/unified ] && command -v runc > /dev/null; then
  podman_global_options+=(--runtime runc)
fi
if ! grep -q '^CapEff:.*' /proc/self/status ||
    (( (0x$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status) >> 24 & 1) == 0 )); then
  podman_container_options+=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)"
                             --ulimit nproc=4096:4096)
fi
