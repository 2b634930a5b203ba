# Sourced by run_golden.sh and test_hit_near_miss.sh: how a golden case
# runs (the layout is described in run_golden.sh).
#
# golden_exec BINARY CASE_DIR: run BINARY with the case's arguments
# (CASE_DIR/args, one a line), its environment changes (CASE_DIR/env:
# NAME=VALUE sets NAME, -NAME unsets it) and its standard input
# (CASE_DIR/stdin, else /dev/null), in a subshell; the caller redirects
# the output.  Returns the command's exit status.
golden_exec() {
	(
		gx_bin=$1
		gx_dir=$2
		set --
		while IFS= read -r arg || [ -n "$arg" ]; do
			set -- "$@" "$arg"
		done < "$gx_dir/args"
		if [ -f "$gx_dir/env" ]; then
			while IFS= read -r e || [ -n "$e" ]; do
				case $e in
				-*) unset "${e#-}" ;;
				?*) export "$e" ;;
				esac
			done < "$gx_dir/env"
		fi
		if [ -f "$gx_dir/stdin" ]; then
			"$gx_bin" "$@" < "$gx_dir/stdin"
		else
			"$gx_bin" "$@" < /dev/null
		fi
	)
}
