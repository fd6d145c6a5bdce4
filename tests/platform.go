package main

func (t *Tests) platformCases() []testCase {
	return nil
}
